using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Sets VER_FLG_WEAK on one symbol-version need (e.g. GLIBCXX_3.4.32) of 64-bit little-endian ELF shared
/// libraries, so that the dynamic loader tolerates a system library that lacks that version. The file is
/// rewritten through a temporary copy and a rename, so a crash never leaves a half-written library.
/// </summary>
public class WeakenElfVersionNeed : Task
{
    private const uint SectionTypeGnuVerneed = 0x6ffffffe;
    private const ushort VersionFlagWeak = 0x2;

    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string VersionName { get; set; } = "";

    public override bool Execute()
    {
        foreach (var item in Files)
        {
            var path = item.GetMetadata("FullPath");
            try
            {
                var bytes = File.ReadAllBytes(path);
                int changed = Weaken(bytes, VersionName);
                if (changed < 0) continue;
                if (changed == 0)
                {
                    Log.LogMessage(MessageImportance.Low, $"{path}: version need {VersionName} absent or already weak.");
                    continue;
                }
                var temp = path + ".weakening";
                File.WriteAllBytes(temp, bytes);
                File.Replace(temp, path, null);
                Log.LogMessage(MessageImportance.Normal, $"{path}: marked version need {VersionName} weak.");
            }
            catch (Exception e)
            {
                Log.LogError($"{path}: cannot mark version need {VersionName} weak: {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    /// <returns>How many needs were newly weakened; -1 when the file is not a 64-bit little-endian ELF.</returns>
    private static int Weaken(byte[] elf, string versionName)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F'
            || elf[4] != 2 || elf[5] != 1)
            return -1;
        long sectionHeaders = (long)BitConverter.ToUInt64(elf, 0x28);
        int entrySize = BitConverter.ToUInt16(elf, 0x3A);
        int sectionCount = BitConverter.ToUInt16(elf, 0x3C);
        int changed = 0;
        for (int s = 0; s < sectionCount; s++)
        {
            long header = sectionHeaders + (long)s * entrySize;
            if (BitConverter.ToUInt32(elf, (int)header + 4) != SectionTypeGnuVerneed) continue;
            long offset = (long)BitConverter.ToUInt64(elf, (int)header + 24);
            uint stringSection = BitConverter.ToUInt32(elf, (int)header + 40);
            uint needCount = BitConverter.ToUInt32(elf, (int)header + 44);
            long strings = (long)BitConverter.ToUInt64(elf, (int)(sectionHeaders + stringSection * entrySize + 24));
            long need = offset;
            for (uint n = 0; n < needCount; n++)
            {
                int auxCount = BitConverter.ToUInt16(elf, (int)need + 2);
                long aux = need + BitConverter.ToUInt32(elf, (int)need + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    uint name = BitConverter.ToUInt32(elf, (int)aux + 8);
                    ushort flags = BitConverter.ToUInt16(elf, (int)aux + 4);
                    if (ReadString(elf, strings + name) == versionName && (flags & VersionFlagWeak) == 0)
                    {
                        BitConverter.GetBytes((ushort)(flags | VersionFlagWeak)).CopyTo(elf, (int)aux + 4);
                        changed++;
                    }
                    aux += BitConverter.ToUInt32(elf, (int)aux + 12);
                }
                need += BitConverter.ToUInt32(elf, (int)need + 12);
            }
        }
        return changed;
    }

    private static string ReadString(byte[] elf, long start)
    {
        long end = start;
        while (end < elf.Length && elf[end] != 0) end++;
        return Encoding.ASCII.GetString(elf, (int)start, (int)(end - start));
    }
}
