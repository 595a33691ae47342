using System.Text.Json.Nodes;

namespace Valmetal.Cdk.Tests;

/// <summary>
/// Synthesized templates as JSON, for questions Template's matchers answer awkwardly (across resources, or across
/// the stacks of an environment: logical ids are looked up in every template given).
/// </summary>
public sealed class TemplateJson(params JsonObject[] templates)
{
    private IEnumerable<KeyValuePair<string, JsonNode?>> All => templates.SelectMany(t => t["Resources"]!.AsObject());

    public IEnumerable<(string Id, JsonObject Properties)> Resources(string type) =>
        All.Where(r => (string?)r.Value!["Type"] == type)
            .Select(r => (r.Key, r.Value!["Properties"]?.AsObject() ?? new JsonObject()));

    public IEnumerable<(string Id, string Type, JsonObject Properties)> AllResources() =>
        All.Select(r => (r.Key, (string)r.Value!["Type"]!, r.Value!["Properties"]?.AsObject() ?? new JsonObject()));

    public JsonObject Resource(string logicalId) => All.Single(r => r.Key == logicalId).Value!.AsObject();


    /// <summary>Export name to the logical id its value points at, from every template's outputs.</summary>
    public Dictionary<string, string> Exports() =>
        templates.SelectMany(t => t["Outputs"]?.AsObject() ?? [])
            .Where(o => o.Value!["Export"] is not null && Target(o.Value["Value"]) is not null)
            .ToDictionary(o => (string)o.Value!["Export"]!["Name"]!, o => Target(o.Value!["Value"])!);

    /// <summary>The logical id a reference points at, following an <c>Fn::ImportValue</c> through <paramref name="exports"/>.</summary>
    public static string? Target(JsonNode? reference, Dictionary<string, string> exports) =>
        reference is JsonObject o && o["Fn::ImportValue"] is JsonNode name ? exports[(string)name!] : Target(reference);

    /// <summary>The task definition of the family, by its Family property.</summary>
    public JsonObject TaskDefinition(string family) =>
        Resources("AWS::ECS::TaskDefinition").Single(t => (string?)t.Properties["Family"] == family).Properties;

    public JsonObject Service(string name) =>
        Resources("AWS::ECS::Service").Single(s => (string?)s.Properties["ServiceName"] == name).Properties;

    /// <summary>The logical id of the ECS service named <paramref name="name"/>.</summary>
    public string ServiceId(string name) =>
        Resources("AWS::ECS::Service").Single(s => (string?)s.Properties["ServiceName"] == name).Id;

    /// <summary>The statements of every policy attached to the role with the logical id <paramref name="roleId"/>.</summary>
    public IEnumerable<JsonObject> PolicyStatements(string roleId) =>
        Resources("AWS::IAM::Policy")
            .Where(p => p.Properties["Roles"]!.AsArray().Any(r => Target(r) == roleId))
            .SelectMany(p => p.Properties["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!.AsObject()));

    /// <summary>A statement's actions or resources, which a template gives as one value or as a list.</summary>
    public static IEnumerable<JsonNode> Each(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(n => n!),
        null => [],
        _ => [node],
    };

    /// <summary>The logical id a <c>{"Ref": id}</c> or <c>{"Fn::GetAtt": [id, ...]}</c> points at.</summary>
    public static string? Target(JsonNode? reference) => reference switch
    {
        JsonObject o when o["Ref"] is JsonNode r => (string?)r,
        JsonObject o when o["Fn::GetAtt"] is JsonArray a => (string?)a[0],
        _ => null,
    };

    /// <summary>
    /// The text of an ARN built with Fn::Join over the partition, region and account, those references left out:
    /// what the tests compare is the part the stack wrote itself.
    /// </summary>
    public static string JoinedText(JsonNode node) => node switch
    {
        JsonValue v => v.ToString(),
        JsonObject o when o["Fn::Join"] is JsonArray join => string.Concat(join[1]!.AsArray().Select(p => JoinedText(p!))),
        _ => "",
    };

    public static string Family(string service) => $"valmetal-{SynthesizedApp.Environment}-{service}";
}
