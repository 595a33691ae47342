using System.Collections.Concurrent;
using System.Xml.Linq;

// A fake, local only: SNS cannot run on this machine, and a real one would text real phones. It takes SNS's Publish as
// the notifier's SnsClient sends it (query protocol, SigV4 scoped to sns) and keeps each SMS; tests and developers read
// them at GET /sms. Anything else is refused by name, so a request it does not know fails instead of passing.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
var region = builder.Configuration["SmsCapture:Region"] ?? "us-east-1";
var app = builder.Build();
var sent = new ConcurrentQueue<CapturedSms>();
XNamespace sns = "http://sns.amazonaws.com/doc/2010-03-31/";

app.MapPost("/", async (HttpRequest request) =>
{
    var authorization = request.Headers.Authorization.ToString();
    if (!authorization.StartsWith("AWS4-HMAC-SHA256 Credential=", StringComparison.Ordinal) || !authorization.Contains($"/{region}/sns/aws4_request,", StringComparison.Ordinal))
    {
        return Error(403, "InvalidClientTokenId", $"Credential should be scoped to /{region}/sns/aws4_request");
    }

    var form = await request.ReadFormAsync();
    if (form["Action"] != "Publish" || form["Version"] != "2010-03-31")
    {
        return Error(400, "InvalidAction", $"This fake answers Publish only, not {form["Action"]}");
    }

    var phone = form["PhoneNumber"].ToString();
    var message = form["Message"].ToString();
    if (!System.Text.RegularExpressions.Regex.IsMatch(phone, @"^\+[1-9][0-9]{7,14}$") || message.Length is 0 or > 1600)
    {
        return Error(400, "InvalidParameter", "Invalid parameter: PhoneNumber or Message");
    }

    var attributes = Enumerable.Range(1, 10)
        .Where(i => form.ContainsKey($"MessageAttributes.entry.{i}.Name"))
        .ToDictionary(i => form[$"MessageAttributes.entry.{i}.Name"].ToString(), i => form[$"MessageAttributes.entry.{i}.Value.StringValue"].ToString());
    var id = Guid.NewGuid().ToString();
    sent.Enqueue(new CapturedSms(id, phone, message, attributes, DateTimeOffset.UtcNow));
    var answer = new XElement(sns + "PublishResponse",
        new XElement(sns + "PublishResult", new XElement(sns + "MessageId", id)),
        new XElement(sns + "ResponseMetadata", new XElement(sns + "RequestId", Guid.NewGuid().ToString())));
    return Results.Text(answer.ToString(), "text/xml");
});
app.MapGet("/sms", () => Results.Json(sent.ToArray()));
app.MapDefaultEndpoints();
await app.RunAsync();

static IResult Error(int status, string code, string message) => Results.Text(
    new XElement("ErrorResponse", new XElement("Error", new XElement("Type", "Sender"), new XElement("Code", code), new XElement("Message", message)),
        new XElement("RequestId", Guid.NewGuid().ToString())).ToString(), "text/xml", statusCode: status);

internal sealed record CapturedSms(string MessageId, string PhoneNumber, string Message, IReadOnlyDictionary<string, string> Attributes, DateTimeOffset ReceivedAt);
