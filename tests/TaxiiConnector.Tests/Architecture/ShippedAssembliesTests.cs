using System.Reflection;
using System.Xml.Linq;
using TaxiiConnector.Tests.Support;

namespace TaxiiConnector.Tests.Architecture;

/// <summary>
/// What the image ships is the host assembly and the project assemblies it references: none of them may carry the test
/// kit (fault injection) or the benchmark kit (generated and pre-rendered collections), which live in
/// tests/TaxiiConnector.Testing.
/// </summary>
public sealed class ShippedAssembliesTests
{
    private static readonly string[] KitWords = ["Fault", "Generated", "Prerender", "Testing", "Benchmark"];

    [Fact]
    public void HostClosure_HasNoTestOrBenchmarkAssembly()
    {
        var names = ShippedAssemblies().Select(assembly => assembly.GetName().Name).ToList();

        names.Should().Contain(["TaxiiConnector", "TaxiiConnector.Server", "TaxiiConnector.Taxii", "TaxiiConnector.OpenCti", "TaxiiConnector.Stix"]);
        names.Should().NotContain(name => name!.Contains("Testing", StringComparison.Ordinal) || name.Contains("Benchmark", StringComparison.Ordinal) || name.EndsWith("Tests", StringComparison.Ordinal));
    }

    [Fact]
    public void HostClosure_HasNoFaultGeneratedOrPrerenderedType()
    {
        var kitTypes = ShippedAssemblies()
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.Namespace?.StartsWith("TaxiiConnector", StringComparison.Ordinal) == true)
            .Select(type => type.FullName!)
            .Where(name => KitWords.Any(word => name.Contains(word, StringComparison.Ordinal)))
            .ToList();

        kitTypes.Should().BeEmpty("the published app must hold no test or benchmark types");
    }

    [Fact]
    public void SourceProjects_NeverReferenceTheTestKit()
    {
        var references = Directory.EnumerateFiles(RepositoryRoot.File("src"), "*.csproj", SearchOption.AllDirectories)
            .SelectMany(project => XDocument.Load(project).Descendants("ProjectReference")
                .Select(reference => (Project: Path.GetFileName(project), Include: reference.Attribute("Include")!.Value)))
            .ToList();

        references.Should().NotBeEmpty();
        references.Should().NotContain(reference => !reference.Include.StartsWith("..\\TaxiiConnector", StringComparison.Ordinal),
            "a shipped project references only its siblings under src/");
    }

    [Fact]
    public void SourceTree_HoldsNoScripts()
    {
        Directory.EnumerateFiles(RepositoryRoot.File("src"), "*.py", SearchOption.AllDirectories).Should().BeEmpty();
    }

    /// <summary>The host and every project assembly it references, transitively.</summary>
    private static List<Assembly> ShippedAssemblies()
    {
        var found = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Queue<AssemblyName>([new AssemblyName("TaxiiConnector")]);
        while (pending.TryDequeue(out var name))
        {
            if (found.ContainsKey(name.Name!))
            {
                continue;
            }

            var assembly = Assembly.Load(name);
            found.Add(name.Name!, assembly);
            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name!.StartsWith("TaxiiConnector", StringComparison.Ordinal)))
            {
                pending.Enqueue(reference);
            }
        }

        return [.. found.Values];
    }
}
