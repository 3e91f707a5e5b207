using System.Diagnostics;
using TaxiiConnector.Cli;

namespace TaxiiConnector.Tests.Cli;

/// <summary>The built connector as a child process, as an operator runs it.</summary>
public sealed class BuiltExecutableTests
{
    [Fact]
    public async Task CheckConfig_DiscoveryUrlUnset_ExitsOneAndNamesBothNames()
    {
        var dll = typeof(ConnectorApp).Assembly.Location;
        var workingDirectory = Directory.CreateTempSubdirectory("taxii-connector-cli-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { dll, "check-config" },
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };

            // Only what the connector needs from the parent: no TAXII2_*/OPENCTI_* leaking in from the machine.
            start.Environment.Clear();
            foreach (var name in new[] { "PATH", "HOME", "DOTNET_ROOT", "DOTNET_CLI_HOME", "TMPDIR" })
            {
                if (Environment.GetEnvironmentVariable(name) is { } value)
                {
                    start.Environment[name] = value;
                }
            }

            start.Environment["OPENCTI_URL"] = "http://opencti:8080";
            start.Environment["OPENCTI_TOKEN"] = "token";
            start.Environment["CONNECTOR_ID"] = "5c1b0a4e-6b88-4f0b-9c55-7f0e1d2c3b4a";

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            var output = await stdout + await stderr;
            process.ExitCode.Should().Be(1, output);
            output.Split('\n').Should().Contain(line => line.Contains("TAXII2_DISCOVERY_URL") && line.Contains("taxii2.discovery_url") && line.Contains("no source"));
        }
        finally
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
    }
}
