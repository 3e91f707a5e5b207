namespace TaxiiConnector.Taxii.Taxii1;

/// <summary>Why a TAXII 1.1 exchange failed, as far as the caller needs to know to react.</summary>
public enum Taxii1ErrorKind
{
    /// <summary>Credentials missing or wrong (UNAUTHORIZED, HTTP 401 without a TAXII body).</summary>
    Authentication,

    /// <summary>Authenticated but not allowed (DENIED, HTTP 403).</summary>
    Permission,

    /// <summary>The configuration names something the server does not have or support (NOT_FOUND, UNSUPPORTED_*, POLLING_UNSUPPORTED).</summary>
    Configuration,

    /// <summary>The server rejected the request itself (BAD_MESSAGE).</summary>
    BadRequest,

    /// <summary>Worth trying again later (FAILURE, NETWORK_ERROR, RETRY/PENDING after the retry budget, HTTP 5xx/408/429).</summary>
    Transient,

    /// <summary>The answer is not a TAXII 1.1 message we can use (wrong binding, malformed or unsafe XML, unexpected message).</summary>
    Protocol,
}
