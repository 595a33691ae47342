namespace Valmetal.Api.Contracts;

public sealed record DocumentResponse(
    Guid Id, string Kind, string? ModelCode, string? SerialNumber, Guid? MaintenanceLogId, string FileName, string ContentType,
    long SizeBytes, string Status, string? UploadedBy, DateTimeOffset CreatedAt);

public sealed record UploadTicket(DocumentResponse Document, string UploadUrl, string Method, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ExpiresAt);

public sealed record DownloadLink(string Url, DateTimeOffset ExpiresAt);
