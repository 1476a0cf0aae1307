using VilTracker.Data;
using VilTracker.Geometry;

namespace VilTracker.Tests.Data;

/// <summary>COCO instances as static pseudo-sequences, on a generated annotation file.</summary>
public class CocoDatasetTests
{
    private const string Json = """
        {
          "info": {"description": "tiny"},
          "images": [
            {"id": 1, "file_name": "000000000001.jpg", "width": 640, "height": 480},
            {"id": 2, "file_name": "000000000002.jpg", "width": 320, "height": 240}
          ],
          "annotations": [
            {"id": 10, "image_id": 1, "bbox": [10.5, 20, 100, 50.25], "iscrowd": 0, "category_id": 1, "area": 5000},
            {"id": 11, "image_id": 1, "bbox": [0, 0, 300, 300], "iscrowd": 1, "category_id": 1},
            {"id": 12, "image_id": 2, "bbox": [5, 5, 5, 40], "iscrowd": 0, "category_id": 3},
            {"id": 13, "image_id": 2, "bbox": [1, 2, 30, 40], "iscrowd": 0, "category_id": 3}
          ],
          "categories": [{"id": 1, "name": "person"}, {"id": 3, "name": "car"}]
        }
        """;

    private static TempFolder MakeTree(string json = Json)
    {
        var temp = new TempFolder();
        temp.WriteText("annotations/instances_val2017.json", json);
        temp.WriteFrames("val2017", 1, 2, i => $"{i:D12}.jpg");
        return temp;
    }

    [Fact]
    public void OneSequencePerUsableAnnotationRepeatingItsImage()
    {
        using var temp = MakeTree();
        var dataset = DatasetFormats.Open(temp.Path);
        Assert.IsType<CocoDataset>(dataset);
        Assert.Equal(["coco_10", "coco_13"], dataset.SequenceNames);
        var sequence = dataset.Load("coco_10");
        Assert.Equal("coco", sequence.Dataset);
        Assert.Equal(2, sequence.FramePaths.Count);
        Assert.All(sequence.FramePaths, p => Assert.Equal(Path.Combine(temp.Path, "val2017", "000000000001.jpg"), p));
        Assert.All(sequence.GroundTruth, b => Assert.Equal(new Box(10.5, 20, 100, 50.25), b));
    }

    [Fact]
    public void MinimumSideAndFrameCountAreOptions()
    {
        using var temp = MakeTree();
        string json = Path.Combine(temp.Path, "annotations", "instances_val2017.json");
        var dataset = new CocoDataset(json, minSide: 4, frameCount: 3);
        Assert.Equal(["coco_10", "coco_12", "coco_13"], dataset.SequenceNames);
        Assert.Equal(3, dataset.Load("coco_12").FramePaths.Count);
        Assert.Equal("coco", DatasetFormats.Detect(json));
    }

    [Fact]
    public void AnnotationOfAMissingImageIsAnError()
    {
        using var temp = MakeTree(Json.Replace("\"image_id\": 2, \"bbox\": [1", "\"image_id\": 7, \"bbox\": [1"));
        var error = Assert.Throws<InvalidDataException>(() => DatasetFormats.Open(temp.Path));
        Assert.Contains("annotation 13", error.Message);
        Assert.Contains("image 7", error.Message);
    }

    [Fact]
    public void BrokenJsonNamesTheFile()
    {
        using var temp = MakeTree("{\"images\": [");
        var error = Assert.Throws<InvalidDataException>(() => DatasetFormats.Open(temp.Path));
        Assert.Contains("instances_val2017.json", error.Message);
    }

    [Fact]
    public void MissingImageFileIsNamedWhenLoading()
    {
        using var temp = MakeTree();
        File.Delete(Path.Combine(temp.Path, "val2017", "000000000002.jpg"));
        var dataset = DatasetFormats.Open(temp.Path);
        Assert.Equal(2, dataset.Load("coco_10").FramePaths.Count);
        var error = Assert.Throws<FileNotFoundException>(() => dataset.Load("coco_13"));
        Assert.Contains("000000000002.jpg", error.Message);
        Assert.Contains("'coco_13'", error.Message);
    }
}
