namespace Valmetal.Notifier.Messages;

/// <summary>
/// One message in one language: a subject and a body for e-mail and push, and a short text for SMS (one segment of 160
/// GSM characters is not guaranteed in French; SNS splits longer texts and bills each part).
/// </summary>
public sealed record RenderedMessage(string Subject, string Body, string Sms, Uri Link);
