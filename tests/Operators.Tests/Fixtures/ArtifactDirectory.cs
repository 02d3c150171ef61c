using Shop.TestSupport;

namespace Shop.Operators.Tests.Fixtures;

/// <summary>Where a run leaves what a person may want to look at afterwards: screenshots and the hosts' logs.</summary>
public static class ArtifactDirectory
{
    public static string Path { get; } = Create();

    private static string Create()
    {
        var path = System.IO.Path.Combine(BuiltApp.RepositoryRoot, "tests", "Operators.Tests", "TestResults");
        Directory.CreateDirectory(path);
        return path;
    }
}
