using System.Text.Json.Nodes;

namespace Valmetal.Cdk.Tests;

/// <summary>The synthesized template as JSON, for questions Template's matchers answer awkwardly (across resources).</summary>
public sealed class TemplateJson(JsonObject template)
{
    public IEnumerable<(string Id, JsonObject Properties)> Resources(string type) =>
        template["Resources"]!.AsObject()
            .Where(r => (string?)r.Value!["Type"] == type)
            .Select(r => (r.Key, r.Value!["Properties"]?.AsObject() ?? new JsonObject()));

    public IEnumerable<(string Id, string Type, JsonObject Properties)> AllResources() =>
        template["Resources"]!.AsObject()
            .Select(r => (r.Key, (string)r.Value!["Type"]!, r.Value!["Properties"]?.AsObject() ?? new JsonObject()));

    public JsonObject Resource(string logicalId) => template["Resources"]![logicalId]!.AsObject();

    /// <summary>The task definition of the family, by its Family property.</summary>
    public JsonObject TaskDefinition(string family) =>
        Resources("AWS::ECS::TaskDefinition").Single(t => (string?)t.Properties["Family"] == family).Properties;

    public JsonObject Service(string name) =>
        Resources("AWS::ECS::Service").Single(s => (string?)s.Properties["ServiceName"] == name).Properties;

    /// <summary>The logical id a <c>{"Ref": id}</c> or <c>{"Fn::GetAtt": [id, ...]}</c> points at.</summary>
    public static string? Target(JsonNode? reference) => reference switch
    {
        JsonObject o when o["Ref"] is JsonNode r => (string?)r,
        JsonObject o when o["Fn::GetAtt"] is JsonArray a => (string?)a[0],
        _ => null,
    };

    public static string Family(string service) => $"valmetal-{SynthesizedApp.Environment}-{service}";
}
