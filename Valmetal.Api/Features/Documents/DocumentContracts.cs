using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Valmetal.Api.Data.Entities;
using Valmetal.Api.Infrastructure;

namespace Valmetal.Api.Features.Documents;

/// <summary>Announces an upload: what it is about, its name, type and exact size.</summary>
public sealed record StartUploadRequest(
    DocumentKind Kind, string FileName, string ContentType, long SizeBytes, string? ModelCode = null, string? SerialNumber = null, Guid? MaintenanceLogId = null)
{
    private static readonly IStringLocalizer Text = ApiText.For(typeof(DocumentsApi));

    public Validation Validate(DocumentOptions options)
    {
        var validation = new Validation().Required("fileName", FileName, 200).Required("contentType", ContentType, 100)
            .Optional("serialNumber", SerialNumber, 64).Optional("modelCode", ModelCode, 32);
        if (!Enum.IsDefined(Kind))
        {
            validation.Add("kind", Text["KindUnknown"]);
        }
        else if (Kind == DocumentKind.Manual && string.IsNullOrWhiteSpace(ModelCode))
        {
            validation.Add("modelCode", Text["ManualNeedsModel"]);
        }
        else if (Kind == DocumentKind.Report && string.IsNullOrWhiteSpace(SerialNumber))
        {
            validation.Add("serialNumber", Text["ReportNeedsEquipment"]);
        }

        if (ContentType is not null && !options.AllowedContentTypes.Contains(ContentType))
        {
            validation.MustBeOneOf("contentType", options.AllowedContentTypes);
        }

        if (SizeBytes <= 0 || SizeBytes > options.MaxBytes)
        {
            validation.Add("sizeBytes", Text["SizeOutOfRange", options.MaxBytes]);
        }

        return validation;
    }
}

public static partial class DocumentNames
{
    /// <summary>An object key segment from a user's file name: letters, digits, dot, dash and underscore only.</summary>
    public static string SafeFileName(string fileName)
    {
        var name = Unsafe().Replace(Path.GetFileName(fileName.Trim()), "_").Trim('.', '_');
        return name.Length == 0 ? "file" : name[..Math.Min(name.Length, 120)];
    }

    [GeneratedRegex("[^A-Za-z0-9._-]+")]
    private static partial Regex Unsafe();
}
