using System.Reflection;
using FluentAssertions;
using Microsoft.Extensions.Logging;

namespace TaxiiConnector.Tests.Logging;

/// <summary>
/// Every product assembly takes its logging event ids from its one <c>LogEventIds</c> registry: ids never collide
/// within an assembly, every event has a name, and that name is the registry constant holding the id.
/// </summary>
public sealed class LogEventIdRegistryTests
{
    public static TheoryData<string> ProductAssemblies() => new()
    {
        "TaxiiConnector", "TaxiiConnector.OpenCti", "TaxiiConnector.Taxii", "TaxiiConnector.Stix", "TaxiiConnector.Server",
    };

    [Theory]
    [MemberData(nameof(ProductAssemblies))]
    public void LoggerMessages_EachAssembly_UniqueIdsNamedAfterTheirRegistryConstant(string assemblyName)
    {
        var assembly = Assembly.Load(assemblyName);
        var registry = assembly.GetTypes().Single(t => t.Name == "LogEventIds");
        var constants = registry.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!);
        var events = assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.FullName}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(e => e.Attribute is not null)
            .ToList();

        events.Should().NotBeEmpty();
        events.GroupBy(e => e.Attribute!.EventId).Where(g => g.Count() > 1)
            .Should().BeEmpty("two log events of {0} must not share an id", assemblyName);
        foreach (var (method, attribute) in events)
        {
            attribute!.EventName.Should().NotBeNullOrEmpty("{0} needs an EventName", method);
            constants.Should().ContainKey(attribute.EventName!, "{0}'s EventName names its LogEventIds constant", method);
            constants[attribute.EventName!].Should().Be(attribute.EventId, "{0}'s id comes from LogEventIds.{1}", method, attribute.EventName);
        }

        constants.Values.Should().OnlyHaveUniqueItems("the registry of {0} gives each id once", assemblyName);
    }
}
