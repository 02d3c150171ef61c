using System.Text.RegularExpressions;
using Shop.TestSupport;

namespace Shop.Deployment.Tests;

/// <summary>One <c>## </c> section of README.md, read as it is checked in, so a test checks what a reader is told.</summary>
internal sealed partial class ReadmeSection
{
    private ReadmeSection(string text) => Text = text;

    public string Text { get; }

    public static ReadmeSection Load(string heading)
    {
        var readme = File.ReadAllText(Path.Combine(BuiltApp.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf($"\n## {heading}\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no \"## {heading}\" section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return new ReadmeSection(readme[start..(end < 0 ? readme.Length : end)]);
    }

    /// <summary>
    /// The shell commands of the section's <c>bash</c> blocks that mention <paramref name="word"/>, one per command:
    /// continuation lines (ending in <c>\</c>) joined, blank lines dropped.
    /// </summary>
    public IReadOnlyList<string> Commands(string word)
    {
        var commands = new List<string>();
        foreach (var block in BashBlock().Matches(Text).Select(m => m.Groups[1].Value).Where(b => b.Contains(word, StringComparison.Ordinal)))
        {
            var current = string.Empty;
            foreach (var line in block.Split('\n').Where(l => l.Trim().Length > 0))
            {
                current += line.TrimEnd();
                if (current.EndsWith('\\'))
                {
                    current += "\n";
                    continue;
                }

                commands.Add(current);
                current = string.Empty;
            }
        }

        return commands;
    }

    /// <summary>The text in backticks right after <paramref name="words"/>, as in "the OpenAPI document at `/openapi/v1.json`".</summary>
    public string CodeAfter(string words)
    {
        // Any run of white space between the words: the README wraps its lines wherever they get long.
        var match = Regex.Match(Text, Regex.Escape(words).Replace("\\ ", @"\s+", StringComparison.Ordinal) + @"\s+`([^`]+)`");
        Assert.True(match.Success, $"README.md no longer says \"{words} `...`\"");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
