using System.Reflection;

namespace Shop.ServiceDefaults;

/// <summary>
/// The host's build, as the SDK stamps it (<c>Version</c>, plus <c>+</c> and the commit when built from git): the
/// resource's <c>service.version</c>, so <c>target_info</c> on <c>/metrics</c> and every exported span say which build
/// answered, and a dashboard can mark deploys.
/// </summary>
internal static class BuildVersion
{
    public static string Informational { get; } =
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
