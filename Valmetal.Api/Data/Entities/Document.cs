namespace Valmetal.Api.Data.Entities;

public enum DocumentKind
{
    /// <summary>A model's manual: every user may read it.</summary>
    Manual,

    /// <summary>A report about one unit (optionally one maintenance log): only that unit's farm sees it, and only while
    /// the unit stays there (docs/decisions.md, "Equipment that changes farms").</summary>
    Report,
}

public enum DocumentStatus
{
    /// <summary>An upload URL was handed out; the bytes may not be there yet.</summary>
    Pending,

    /// <summary>The object is in the bucket and was checked against the declared size and type.</summary>
    Available,

    /// <summary>Never confirmed in time: claimed by the sweep, which deletes its objects and then the record.</summary>
    Abandoned,
}

/// <summary>Metadata of a file whose bytes live in S3 under <see cref="ObjectKey"/>.</summary>
public sealed class Document
{
    public Guid Id { get; set; }
    public DocumentKind Kind { get; set; }
    public string? ModelCode { get; set; }
    public string? SerialNumber { get; set; }
    public Guid? MaintenanceLogId { get; set; }

    /// <summary>The farm a report belongs to (denormalised so tenant checks need no join); null for manuals.</summary>
    public Guid? FarmId { get; set; }

    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    public required string ObjectKey { get; set; }
    public DocumentStatus Status { get; set; }
    public required string UploadedBySub { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
