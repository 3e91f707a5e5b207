using System.Security.Cryptography;
using System.Text;

namespace TaxiiConnector.Server.Push;

/// <summary>Finds the push user an <c>Authorization</c> header proves to be (HTTP Basic, §8.5.1, or a bearer token).</summary>
internal sealed class PushAuthenticator
{
    private readonly IReadOnlyList<TaxiiPushUser> _users;

    public PushAuthenticator(IReadOnlyList<TaxiiPushUser> users)
    {
        _users = users;
    }

    public TaxiiPushUser? Authenticate(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return null;
        }

        var separator = authorization.IndexOf(' ', StringComparison.Ordinal);
        if (separator <= 0)
        {
            return null;
        }

        var scheme = authorization[..separator];
        var credentials = authorization[(separator + 1)..].Trim();
        if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateBasic(credentials);
        }

        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || scheme.Equals("Token", StringComparison.OrdinalIgnoreCase))
        {
            return _users.FirstOrDefault(user => user.BearerToken is { Length: > 0 } token && SecretEquals(token, credentials));
        }

        return null;
    }

    private TaxiiPushUser? AuthenticateBasic(string credentials)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(credentials));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        var name = decoded[..colon];
        var password = decoded[(colon + 1)..];
        var user = _users.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.Ordinal));

        // Compared even when the user is unknown, so the answer takes as long either way.
        var expected = user?.Password ?? string.Empty;
        var matches = SecretEquals(expected, password);
        return user is { Password.Length: > 0 } && matches ? user : null;
    }

    private static bool SecretEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(actual)));
}
