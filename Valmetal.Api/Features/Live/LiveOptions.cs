using System.ComponentModel.DataAnnotations;

namespace Valmetal.Api.Features.Live;

/// <summary>The <c>Live</c> section: how the API's live streams follow changes to their users' access.</summary>
public sealed class LiveOptions
{
    public const string SectionName = "Live";

    /// <summary>
    /// How often each replica reads again the access of everyone with a stream open on it: the longest an open stream
    /// keeps showing a farm after the user lost it, or keeps running after the user was disabled. One query per
    /// interval per replica, however many streams are open.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan AccessRecheck { get; set; } = TimeSpan.FromSeconds(5);
}
