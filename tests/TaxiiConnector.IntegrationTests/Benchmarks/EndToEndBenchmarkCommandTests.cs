using System.Diagnostics;
using System.Globalization;

namespace TaxiiConnector.IntegrationTests.Benchmarks;

/// <summary>
/// The benchmark's e2e command is correct (it checks output and delivery, never speed): a small generated collection
/// goes through the real pipeline, and the six keys come out with every object counted at the sink.
/// </summary>
public sealed class EndToEndBenchmarkCommandTests
{
    private const int Objects = 2000;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task E2e_SmallCollection_PrintsEveryKeyAndDeliversEveryObject()
    {
        var (exitCode, stdout, stderr) = await RunAsync("e2e", "--objects", Objects.ToString(CultureInfo.InvariantCulture), "--page", "100");

        exitCode.Should().Be(0, "stderr: {0}", stderr);
        var values = Parse(stdout);
        values.Keys.Should().Contain(["e2e_objects_per_s", "raw_objects_per_s", "ratio", "peak_working_set_mb", "alloc_bytes_per_object", "objects", "avg_object_bytes"]);
        values["objects"].Should().Be(Objects);
        values["e2e_objects_per_s"].Should().BePositive();
        values["raw_objects_per_s"].Should().BePositive();
        values["ratio"].Should().BeApproximately(values["e2e_objects_per_s"] / values["raw_objects_per_s"], 0.001);
        values["peak_working_set_mb"].Should().BePositive();
        values["alloc_bytes_per_object"].Should().BePositive();
        values["avg_object_bytes"].Should().BeInRange(500, 2048, "the generated objects are 0.5-2 KB");
    }

    [Fact]
    public async Task E2e_DedupReread_ReadsEveryObjectAgainAndKnowsThemAll()
    {
        var (exitCode, stdout, stderr) = await RunAsync("e2e", "--objects", Objects.ToString(CultureInfo.InvariantCulture), "--page", "100",
            "--warm-up-pages", "2", "--dedup", "reread");

        exitCode.Should().Be(0, "stderr: {0}", stderr);
        var values = Parse(stdout);
        values["objects"].Should().Be(Objects, "the measured run reads the whole collection again (its cursor was reset)");
        values["dedup_hit_ratio"].Should().Be(1.0, "every version was sent by the untimed first read");
        values["dedup_db_mb"].Should().BePositive();
    }

    [Fact]
    public async Task E2e_UnknownOption_ExitsWithUsage()
    {
        var (exitCode, stdout, stderr) = await RunAsync("e2e", "--objects", "10", "--pages", "5");

        exitCode.Should().Be(2);
        stdout.Should().BeEmpty();
        stderr.Should().Contain("Usage: e2e --objects N --page P");
    }

    private static Dictionary<string, double> Parse(string stdout)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && double.TryParse(line[(colon + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                values[line[..colon]] = value;
            }
        }

        return values;
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BenchmarkDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The benchmark did not finish within {Timeout}: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The benchmark built beside this test assembly's configuration (the project reference builds it first).</summary>
    private static string BenchmarkDll
    {
        get
        {
            // .../tests/TaxiiConnector.IntegrationTests/bin/{Configuration}/{tfm}/
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var tfm = testOutput.Name;
            var configuration = testOutput.Parent!.Name;
            var repository = testOutput.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
            var dll = Path.Combine(repository, "bench", "TaxiiConnector.Benchmarks", "bin", configuration, tfm, "TaxiiConnector.Benchmarks.dll");
            File.Exists(dll).Should().BeTrue($"the benchmark is built at {dll}");
            return dll;
        }
    }
}
