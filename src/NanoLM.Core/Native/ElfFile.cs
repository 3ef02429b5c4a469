using System.Buffers.Binary;
using System.Text;

namespace NanoLM.Native;

/// <summary>The parts of a little-endian ELF shared library that symbol versioning needs, read from its section headers.</summary>
public sealed class ElfFile
{
    const uint SectionTypeRela = 4, SectionTypeRel = 9, SectionTypeDynSym = 11;
    const uint SectionTypeVerNeed = 0x6ffffffe, SectionTypeVerSym = 0x6fffffff;

    readonly byte[] bytes;
    readonly bool is64;
    readonly List<Section> sections = [];

    public ElfFile(byte[] bytes, string nameForErrors)
    {
        this.bytes = bytes;
        if (bytes.Length < 52 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
            throw new InvalidDataException($"{nameForErrors}: not an ELF file.");
        if (bytes[5] != 1)
            throw new InvalidDataException($"{nameForErrors}: big-endian ELF is not supported.");
        is64 = bytes[4] switch
        {
            1 => false,
            2 => true,
            _ => throw new InvalidDataException($"{nameForErrors}: unknown ELF class {bytes[4]}."),
        };

        ulong sectionTableOffset = is64 ? U64(0x28) : U32(0x20);
        int entrySize = U16(is64 ? 0x3A : 0x2E);
        int count = U16(is64 ? 0x3C : 0x30);
        for (int i = 0; i < count; i++)
        {
            int at = checked((int)sectionTableOffset + i * entrySize);
            if (at + entrySize > bytes.Length)
                throw new InvalidDataException($"{nameForErrors}: section header {i} lies past the end of the file (truncated?).");
            sections.Add(is64
                ? new Section(U32(at + 4), (long)U64(at + 0x18), (long)U64(at + 0x20), U32(at + 0x28), U32(at + 0x2C), (long)U64(at + 0x38))
                : new Section(U32(at + 4), U32(at + 0x10), U32(at + 0x14), U32(at + 0x18), U32(at + 0x1C), U32(at + 0x24)));
        }
    }

    /// <summary>The file's bytes; edits made through this class land here.</summary>
    public byte[] Bytes => bytes;

    /// <summary>Every vernaux entry of .gnu.version_r: one version a needed library must provide.</summary>
    public IReadOnlyList<VersionNeed> VersionNeeds()
    {
        var needs = new List<VersionNeed>();
        foreach (var section in sections.Where(s => s.Type == SectionTypeVerNeed))
        {
            var strings = sections[(int)section.Link];
            long entry = section.Offset;
            for (uint i = 0; i < section.Info; i++)
            {
                string file = CString(strings.Offset + U32(entry + 4));
                long aux = entry + U32(entry + 8);
                int auxCount = U16(entry + 2);
                for (int j = 0; j < auxCount; j++)
                {
                    long nameOffset = strings.Offset + U32(aux + 8);
                    needs.Add(new VersionNeed(file, CString(nameOffset), U32(aux), U16(aux + 6), aux, nameOffset));
                    aux += U32(aux + 12);
                }
                entry += U32(entry + 12);
            }
        }
        return needs;
    }

    /// <summary>Names of the dynamic symbols bound to version index <paramref name="versionIndex"/>.</summary>
    public IReadOnlyList<string> SymbolsBoundTo(int versionIndex) =>
        DynamicSymbolIndicesBoundTo(versionIndex).Select(DynamicSymbolName).ToList();

    /// <summary>Names of the dynamic symbols bound to <paramref name="versionIndex"/> that some relocation refers to.</summary>
    public IReadOnlyList<string> RelocatedSymbolsBoundTo(int versionIndex)
    {
        var bound = DynamicSymbolIndicesBoundTo(versionIndex).ToHashSet();
        var relocated = new HashSet<long>();
        foreach (var section in sections.Where(s => s.Type is SectionTypeRela or SectionTypeRel))
        {
            long entrySize = section.EntrySize > 0 ? section.EntrySize : (is64 ? 8 : 4) * (section.Type == SectionTypeRela ? 3 : 2);
            for (long at = section.Offset; at + entrySize <= section.Offset + section.Size; at += entrySize)
            {
                long symbol = is64 ? (long)(U64(at + 8) >> 32) : U32(at + 4) >> 8;
                if (bound.Contains(symbol)) relocated.Add(symbol);
            }
        }
        return relocated.Order().Select(DynamicSymbolName).ToList();
    }

    /// <summary>Overwrites the bytes of a string table entry; the new text must have the old one's length.</summary>
    public void OverwriteString(long offset, string text)
    {
        var encoded = Encoding.ASCII.GetBytes(text);
        if (CString(offset).Length != encoded.Length)
            throw new ArgumentException($"'{text}' does not have the length of '{CString(offset)}'.");
        encoded.CopyTo(bytes, offset);
    }

    /// <summary>Sets the vna_hash field of the vernaux entry at <paramref name="entryOffset"/>.</summary>
    public void WriteVersionHash(long entryOffset, uint hash) =>
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(checked((int)entryOffset)), hash);

    /// <summary>The System V ELF hash that vna_hash holds (the dynamic loader compares it before the name).</summary>
    public static uint Hash(string name)
    {
        uint h = 0;
        foreach (byte c in Encoding.ASCII.GetBytes(name))
        {
            h = (h << 4) + c;
            uint g = h & 0xf0000000;
            if (g != 0) h ^= g >> 24;
            h &= ~g;
        }
        return h;
    }

    IEnumerable<long> DynamicSymbolIndicesBoundTo(int versionIndex)
    {
        foreach (var versym in sections.Where(s => s.Type == SectionTypeVerSym))
        {
            long count = versym.Size / 2;
            for (long i = 0; i < count; i++)
                if ((U16(versym.Offset + 2 * i) & 0x7fff) == versionIndex) yield return i;
        }
    }

    string DynamicSymbolName(long index)
    {
        var dynsym = sections.First(s => s.Type == SectionTypeDynSym);
        long entrySize = dynsym.EntrySize > 0 ? dynsym.EntrySize : (is64 ? 24 : 16);
        return CString(sections[(int)dynsym.Link].Offset + U32(dynsym.Offset + index * entrySize));
    }

    string CString(long offset)
    {
        int start = checked((int)offset), end = start;
        while (end < bytes.Length && bytes[end] != 0) end++;
        return Encoding.ASCII.GetString(bytes, start, end - start);
    }

    int U16(long at) => BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(checked((int)at)));
    uint U32(long at) => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(checked((int)at)));
    ulong U64(long at) => BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(checked((int)at)));

    sealed record Section(uint Type, long Offset, long Size, uint Link, uint Info, long EntrySize);
}

/// <summary>One version that a needed library must define, as listed in .gnu.version_r.</summary>
/// <param name="Library">The needed library's file name (vn_file).</param>
/// <param name="Version">The version name (vna_name).</param>
/// <param name="Hash">vna_hash as stored.</param>
/// <param name="Index">The version index symbols refer to (vna_other).</param>
/// <param name="EntryOffset">File offset of the vernaux entry.</param>
/// <param name="NameOffset">File offset of the version name in the string table.</param>
public sealed record VersionNeed(string Library, string Version, uint Hash, int Index, long EntryOffset, long NameOffset);
