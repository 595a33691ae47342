using System.Text.Json;

namespace Valmetal.TimeSeries.Archive;

/// <summary>
/// Written last into a day's folder, once every part was read back and matched: a day with a manifest is archived
/// whole, and the export reads it from S3; a day without one is still PostgreSQL's.
/// </summary>
public sealed record ArchiveManifest(DateOnly Day, long Rows, IReadOnlyList<ArchivePart> Parts)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static ArchiveManifest Parse(Stream json) =>
        JsonSerializer.Deserialize<ArchiveManifest>(json, Json) ?? throw new InvalidDataException("The archive manifest is empty.");
}

/// <summary>One Parquet object of a day, with what the writer checked it against.</summary>
public sealed record ArchivePart(string Key, long Rows, string Checksum, string FirstThing, string LastThing);
