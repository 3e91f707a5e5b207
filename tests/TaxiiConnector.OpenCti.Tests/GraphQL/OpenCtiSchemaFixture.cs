using GraphQL.Types;
using TaxiiConnector.OpenCti.Tests.Schema;

namespace TaxiiConnector.OpenCti.Tests.GraphQL;

/// <summary>OpenCTI 6.9's schema, built once per test run (<see cref="OpenCtiSchemaVariant.Original"/>).</summary>
public sealed class OpenCtiSchemaFixture
{
    public ISchema Schema => OpenCtiSchemaVariant.Original.Schema;

    /// <summary>Validates a document with its real variables (the JSON text of the <c>variables</c> object); returns the error messages.</summary>
    public Task<IReadOnlyList<string>> ValidateAsync(string query, string variablesJson) =>
        OpenCtiSchemaVariant.Original.ValidateAsync(query, variablesJson);
}

[CollectionDefinition(Name)]
public sealed class OpenCtiSchemaCollection : ICollectionFixture<OpenCtiSchemaFixture>
{
    public const string Name = "OpenCTI schema";
}
