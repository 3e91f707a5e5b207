namespace TaxiiConnector.OpenCti.Sinks;

/// <summary>
/// A push that must not be tried again by the caller: the failure is permanent (a refused login, a message the broker
/// will never accept) or the sink already spent its own bounded retries on it. The message is the one line to log.
/// </summary>
public sealed class PermanentPushException : Exception
{
    public PermanentPushException()
    {
    }

    public PermanentPushException(string message)
        : base(message)
    {
    }

    public PermanentPushException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
