using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Valmetal.EndToEnd.Tests.Notifications;

/// <summary>An e-mail as maildev received it over SMTP.</summary>
public sealed record ReceivedMail(string To, string Subject, string Text, string MessageId);

/// <summary>An SMS as the SNS capture received it through SNS's Publish.</summary>
public sealed record ReceivedSms(string PhoneNumber, string Message, string SmsType);

/// <summary>What reached people: maildev's inbox (its REST API) and the SMS capture (Valmetal.SmsCapture).</summary>
public sealed class Inboxes(PlatformFixture platform) : IDisposable
{
    private readonly HttpClient _mail = new() { BaseAddress = new Uri($"http://127.0.0.1:{platform.MailInboxPort}/") };
    private readonly HttpClient _sms = new() { BaseAddress = platform.App.GetEndpoint("sms", "http") };

    public async Task<IReadOnlyList<ReceivedMail>> MailAsync()
    {
        var all = await _mail.GetFromJsonAsync<JsonArray>("api/email");
        return all!.Select(m => new ReceivedMail(
            m!["to"]!.AsArray().Single()!["address"]!.GetValue<string>(),
            m["subject"]!.GetValue<string>(),
            m["text"]?.GetValue<string>() ?? "",
            m["messageId"]?.GetValue<string>() ?? m["headers"]?["message-id"]?.GetValue<string>() ?? "")).ToList();
    }

    public async Task<IReadOnlyList<ReceivedSms>> SmsAsync()
    {
        var all = await _sms.GetFromJsonAsync<JsonArray>("sms");
        return all!.Select(s => new ReceivedSms(
            s!["phoneNumber"]!.GetValue<string>(),
            s["message"]!.GetValue<string>(),
            s["attributes"]?["AWS.SNS.SMS.SMSType"]?.GetValue<string>() ?? "")).ToList();
    }

    /// <summary>Waits for the e-mail to <paramref name="to"/> whose text mentions <paramref name="mentioning"/> (an alarm's id).</summary>
    public async Task<IReadOnlyList<ReceivedMail>> MailToAsync(string to, string mentioning, Func<IReadOnlyList<ReceivedMail>, bool> done, TimeSpan timeout) =>
        await Eventually.PollAsync(async () => (await MailAsync()).Where(m => m.To == to && m.Text.Contains(mentioning, StringComparison.Ordinal)).ToList(),
            found => done(found), timeout);

    public void Dispose()
    {
        _mail.Dispose();
        _sms.Dispose();
    }
}
