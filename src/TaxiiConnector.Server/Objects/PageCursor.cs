using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace TaxiiConnector.Server.Objects;

/// <summary>
/// The server's <c>next</c> value: the index the following page starts at, its page number and the fingerprint of the
/// filters it belongs to, as one opaque base64url token. Stateless, so it never expires and survives a server restart.
/// </summary>
internal readonly record struct PageCursor(long Position, int PageNumber, ulong FilterFingerprint)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(
            CultureInfo.InvariantCulture, $"{Position}.{PageNumber}.{FilterFingerprint:x16}")));

    public static bool TryDecode(string token, out PageCursor cursor)
    {
        cursor = default;
        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token));
            var parts = text.Split('.');
            if (parts.Length == 3
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var position)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var page)
                && page > 0
                && ulong.TryParse(parts[2], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var fingerprint))
            {
                cursor = new PageCursor(position, page, fingerprint);
                return true;
            }
        }
        catch (FormatException)
        {
            // Not base64url: reported below as an invalid cursor.
        }

        return false;
    }
}
