using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Runtime;

namespace Shop.Bench.GrainClient;

/// <summary>
/// Objects on another .NET process's GC heap, counted and sized by type (from a heap dump the runtime writes itself),
/// so that two snapshots around an activation burst show what one activation is made of. Run it after force-gc:
/// free space is skipped, but garbage allocated since the last collection is counted.
/// </summary>
public static class HeapTypes
{
    public static Task<int> RunAsync(CommandLine arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var pid = arguments.Number("pid");
        var output = arguments.Text("out");
        var dump = Path.Combine(Path.GetTempPath(), $"shop-heap-{pid}-{Guid.NewGuid():N}.dmp");
        new DiagnosticsClient(pid).WriteDump(DumpType.WithHeap, dump);
        try
        {
            var types = new Dictionary<string, (long Count, long Bytes)>(StringComparer.Ordinal);
            using (var target = DataTarget.LoadDump(dump))
            // The silo runs on the same shared runtime as this tool, whose directory holds the matching DAC; a Linux
            // dump carries no version resource for ClrMD to check that against.
            using (var runtime = target.ClrVersions[0].CreateRuntime(
                Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "libmscordaccore.so"),
                ignoreMismatch: true))
            {
                foreach (var item in runtime.Heap.EnumerateObjects())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (item.IsFree || item.Type is null)
                    {
                        continue;
                    }

                    var name = item.Type.Name ?? "?";
                    var (count, bytes) = types.GetValueOrDefault(name);
                    types[name] = (count + 1, bytes + (long)item.Size);
                }
            }

            using var writer = new StreamWriter(output);
            foreach (var (name, (count, bytes)) in types.OrderByDescending(pair => pair.Value.Bytes))
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bytes}\t{count}\t{name}"));
            }

            Result.Print(("types", types.Count), ("objects", types.Values.Sum(v => v.Count)), ("bytes", types.Values.Sum(v => v.Bytes)));
            return Task.FromResult(0);
        }
        finally
        {
            File.Delete(dump);
        }
    }
}
