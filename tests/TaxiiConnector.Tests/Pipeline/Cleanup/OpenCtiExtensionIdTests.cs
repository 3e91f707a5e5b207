using System.Text;
using System.Text.Json;
using TaxiiConnector.Pipeline.Cleanup;

namespace TaxiiConnector.Tests.Pipeline.Cleanup;

/// <summary>The id OpenCTI's extension gives an object, found once for the field reader and the unit scan alike.</summary>
public sealed class OpenCtiExtensionIdTests
{
    private const string Extension = "extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba";

    [Theory]
    [InlineData("{\"other\":{\"id\":\"no\"},\"" + Extension + "\":{\"extension_type\":\"property-extension\",\"id\":\"ext-1\"}}", "ext-1")]
    [InlineData("{\"" + Extension + "\":{\"id\":\"first\",\"id\":\"last\"}}", "last")]
    [InlineData("{\"" + Extension + "\":{\"id\":7}}", null)]
    [InlineData("{\"other\":{\"id\":\"no\"}}", null)]
    public void TryFind_Extensions_GivesTheOpenCtiExtensionsStringIdAndReadsToTheEnd(string extensions, string? expected)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(extensions));
        reader.Read();

        var found = OpenCtiExtensionId.TryFind(ref reader, out var id);

        found.Should().Be(expected is not null);
        (found ? id.GetString() : null).Should().Be(expected);
        reader.TokenType.Should().Be(JsonTokenType.EndObject);
        reader.CurrentDepth.Should().Be(0, "the whole extensions object is read");
    }
}
