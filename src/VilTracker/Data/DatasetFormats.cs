namespace VilTracker.Data;

/// <summary>
/// The dataset layout names (the values of <see cref="Sequence.Dataset"/>) and <see cref="Open"/>,
/// which picks the reader for a folder from its layout when the format is not given.
/// </summary>
public static class DatasetFormats
{
    /// <summary>Folder of sequence folders with <c>groundtruth.txt</c> + <c>img/</c>, or one such folder (<see cref="GenericFolderDataset"/>).</summary>
    public const string Generic = "generic";

    /// <summary>UAV123 / UAV123@10fps / UAV20L: <c>data_seq/</c> + <c>anno/</c> (<see cref="Uav123Dataset"/>).</summary>
    public const string Uav123 = "uav123";

    /// <summary>DTB70: <c>{seq}/img/</c> + <c>groundtruth_rect.txt</c> (<see cref="Dtb70Dataset"/>).</summary>
    public const string Dtb70 = "dtb70";

    /// <summary>VisDrone-SOT: <c>sequences/</c> + <c>annotations/</c> (<see cref="VisDroneDataset"/>).</summary>
    public const string VisDrone = "visdrone";

    /// <summary>LaSOT: <c>{category}/{category}-{n}/</c> (<see cref="LasotDataset"/>).</summary>
    public const string Lasot = "lasot";

    /// <summary>OTB: <c>{seq}/img/</c> + <c>groundtruth_rect[.N].txt</c> (<see cref="OtbDataset"/>).</summary>
    public const string Otb = "otb";

    /// <summary>GOT-10k: <c>GOT-10k_*</c> sequence folders (<see cref="Got10kDataset"/>).</summary>
    public const string Got10k = "got10k";

    /// <summary>VOT: <c>{seq}/color/</c> (or frames) + polygon <c>groundtruth.txt</c> (<see cref="VotDataset"/>).</summary>
    public const string Vot = "vot";

    /// <summary>TrackingNet: <c>TRAIN_N/frames/</c> + <c>TRAIN_N/anno/</c> (<see cref="TrackingNetDataset"/>).</summary>
    public const string TrackingNet = "trackingnet";

    /// <summary>COCO instances JSON as static pseudo-sequences (<see cref="CocoDataset"/>).</summary>
    public const string Coco = "coco";

    /// <summary>Every format name <see cref="Open"/> accepts.</summary>
    public static IReadOnlyList<string> All { get; } = [Generic, Uav123, Dtb70, VisDrone, Lasot, Otb, Got10k, Vot, TrackingNet, Coco];

    /// <summary>One line per format: its name and the layout <see cref="Detect"/> recognises.</summary>
    public static string Layouts { get; } = string.Join(Environment.NewLine,
        $"  {Generic}: {{seq}}/img/*.jpg + {{seq}}/groundtruth.txt, or one such sequence folder",
        $"  {Uav123}: data_seq/UAV123/{{seq}}/ + anno/UAV123/{{seq}}.txt",
        $"  {Dtb70}: {{seq}}/img/ + {{seq}}/groundtruth_rect.txt in a folder whose name contains 'DTB70'",
        $"  {VisDrone}: sequences/{{seq}}/ + annotations/{{seq}}.txt",
        $"  {Lasot}: {{category}}/{{category}}-{{n}}/img/ + groundtruth.txt",
        $"  {Otb}: {{seq}}/img/ + {{seq}}/groundtruth_rect.txt (or groundtruth_rect.1.txt, .2.txt)",
        $"  {Got10k}: GOT-10k_*/ sequence folders, or train/ val/ test/ holding them",
        $"  {Vot}: {{seq}}/color/ (or frames in {{seq}}/) + {{seq}}/groundtruth.txt polygons",
        $"  {TrackingNet}: TRAIN_N/frames/{{video}}/ + TRAIN_N/anno/{{video}}.txt (or one such chunk)",
        $"  {Coco}: annotations/instances_*.json + images, or the JSON file itself");

    /// <summary>
    /// Opens the dataset at <paramref name="path"/> with the reader for <paramref name="format"/>, or,
    /// when it is null or empty, with the reader whose layout the path matches (see <see cref="Detect"/>).
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The path does not exist.</exception>
    /// <exception cref="ArgumentException">The format is unknown, or no layout matches; the message lists the accepted formats.</exception>
    public static ISequenceDataset Open(string path, string? format = null)
    {
        string full = Path.GetFullPath(path);
        if (!Directory.Exists(full) && !File.Exists(full))
            throw new DirectoryNotFoundException($"Dataset path not found: {full}");
        string chosen = string.IsNullOrWhiteSpace(format) ? Detect(full) : format.Trim().ToLowerInvariant();
        if (chosen != Coco && !Directory.Exists(full))
            throw new ArgumentException($"The {chosen} format needs a folder, but {full} is a file.", nameof(path));
        return chosen switch
        {
            Generic => new GenericFolderDataset(full),
            Uav123 => new Uav123Dataset(full),
            Dtb70 => new Dtb70Dataset(full),
            VisDrone => new VisDroneDataset(full),
            Lasot => new LasotDataset(full),
            Otb => new OtbDataset(full),
            Got10k => new Got10kDataset(full),
            Vot => new VotDataset(full),
            TrackingNet => new TrackingNetDataset(full),
            Coco => new CocoDataset(File.Exists(full) ? full : CocoDataset.FindAnnotationFiles(full).FirstOrDefault()
                ?? throw new FileNotFoundException($"No annotations/instances_*.json in {full}.")),
            _ => throw new ArgumentException(
                $"Unknown dataset format '{format}'. Accepted formats: {string.Join(", ", All)}.{Environment.NewLine}{Layouts}", nameof(format)),
        };
    }

    /// <summary>
    /// The format whose layout <paramref name="path"/> matches, checked from the most specific layout to the
    /// most general. OTB and DTB70 look alike: a folder whose name contains <c>DTB70</c> is read as DTB70.
    /// A folder of <c>{seq}/img/</c> + <c>groundtruth.txt</c> is generic, even when its sequences came from a
    /// benchmark (as <c>sot-dev</c>); pass the format to choose otherwise.
    /// </summary>
    /// <exception cref="ArgumentException">No layout matches; the message lists the accepted formats and their layouts.</exception>
    public static string Detect(string path)
    {
        if (File.Exists(path) && Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase))
            return Coco;
        if (Directory.Exists(path))
        {
            var children = Directory.EnumerateDirectories(path).ToArray();
            if (Directory.Exists(Path.Combine(path, "anno")) && Directory.Exists(Path.Combine(path, "data_seq")))
                return Uav123;
            if (Directory.Exists(Path.Combine(path, "sequences")) && Directory.Exists(Path.Combine(path, "annotations")))
                return VisDrone;
            if (CocoDataset.FindAnnotationFiles(path).Count > 0)
                return Coco;
            if (TrackingNetDataset.IsChunkFolder(path) || children.Any(TrackingNetDataset.IsChunkFolder))
                return TrackingNet;
            if (Got10kDataset.IsSplitFolder(path) || children.Any(Got10kDataset.IsSplitFolder))
                return Got10k;
            if (GenericFolderDataset.IsSequenceFolder(path))
                return Generic;
            if (children.Any(OtbDataset.IsSequenceFolder))
                return Path.GetFileName(path).Contains("DTB70", StringComparison.OrdinalIgnoreCase) ? Dtb70 : Otb;
            var sequences = children.Where(GenericFolderDataset.IsSequenceFolder).ToArray();
            if (sequences.Any(s => Directory.Exists(Path.Combine(s, "img"))))
                return Generic;
            if (sequences.Length > 0)
                return Vot;
            if (children.SelectMany(Directory.EnumerateDirectories).Any(LasotDataset.IsSequenceFolder))
                return Lasot;
        }
        throw new ArgumentException(
            $"Cannot tell the dataset format of {path} from its layout. Pass one of: {string.Join(", ", All)}.{Environment.NewLine}{Layouts}",
            nameof(path));
    }
}
