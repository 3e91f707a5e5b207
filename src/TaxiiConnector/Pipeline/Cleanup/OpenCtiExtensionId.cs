using System.Text.Json;

namespace TaxiiConnector.Pipeline.Cleanup;

/// <summary>
/// Finds the id OpenCTI's extension gives an object (<c>extensions.{OpenCTI}.id</c>), for the readers that need it as a
/// string and those that only hash it: they read the value where this leaves a copy of the reader, so no string is made.
/// </summary>
internal static class OpenCtiExtensionId
{
    private const string OpenCtiExtension = "extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba";

    /// <summary>
    /// From the start of the <c>extensions</c> object, reads to its end; true with <paramref name="id"/> positioned on the
    /// OpenCTI extension's string <c>id</c> (the last one, when repeated).
    /// </summary>
    public static bool TryFind(ref Utf8JsonReader reader, out Utf8JsonReader id)
    {
        var found = false;
        id = default;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isOpenCti = reader.ValueTextEquals(OpenCtiExtension);
            reader.Read();
            if (!isOpenCti || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                reader.Read();
                if (isId && reader.TokenType == JsonTokenType.String)
                {
                    id = reader;
                    found = true;
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return found;
    }
}
