namespace Shop.TestSupport;

/// <summary>Finds the build output of one of the repository's apps, in the configuration the tests were built in.</summary>
public static class BuiltApp
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Debug or Release: the configuration the tests were built in, and with them the apps they reference.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The path of <c>{project}/bin/{configuration}/net10.0/{project}.dll</c>.</summary>
    public static string PathOf(string project) => PathOf(project, project);

    /// <summary>The path of <c>{folder}/bin/{configuration}/net10.0/{project}.dll</c>, for apps not at the root (samples).</summary>
    public static string PathOf(string folder, string project)
    {
        var path = Path.Combine(RepositoryRoot, folder, "bin", Configuration, "net10.0", project + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{project} is not built ({path}); reference its project from the test project.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Orleans.sln not found above " + AppContext.BaseDirectory);
    }
}
