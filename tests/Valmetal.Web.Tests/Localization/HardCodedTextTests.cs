using Valmetal.TestSupport;

namespace Valmetal.Web.Tests.Localization;

/// <summary>Every word a user reads comes from the resources, in French and English.</summary>
public sealed class HardCodedTextTests
{
    [Fact]
    public void The_check_finds_text_written_into_markup_attributes_and_code()
    {
        const string Page = """
            @page "/sample"
            <h1>@Text["Fleet"]</h1>
            <p>Motor overheating</p>
            <input placeholder="Search the fleet" />
            @if (loaded) { <span>@row.Name</span> }
            @code {
                private string error = "The fleet could not be loaded";
                private string key = "motor_temp_c";
                private string shown => Text["Never"];
            }
            """;

        var found = HardCodedText.InRazor(Page).ToList();

        Assert.Equal(["Motor overheating", "Search the fleet", "The fleet could not be loaded"], found.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_page_or_component_of_the_web_app_writes_text_outside_the_resources()
    {
        var root = Path.Combine(RepositoryRoot.Path, "Valmetal.Web");
        var found = Directory.EnumerateFiles(root, "*.razor", SearchOption.AllDirectories)
            .SelectMany(file => HardCodedText.InRazor(File.ReadAllText(file)).Select(text => $"{Path.GetRelativePath(root, file)}: {text}"))
            .Concat(Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .SelectMany(file => HardCodedText.InCSharp(File.ReadAllText(file)).Select(text => $"{Path.GetRelativePath(root, file)}: {text}")))
            .ToList();

        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }
}
