using TaxiiConnector.OpenCti.Buffering;

namespace TaxiiConnector.Pipeline;

/// <summary>Decides, before a run, whether it should happen at all (the platform may be buried under its queue).</summary>
internal interface IRunAdmission
{
    Task<bool> ShouldSkipRunAsync(CancellationToken cancellationToken);
}

/// <summary>pycti's buffering rule: skip the run while the connector's OpenCTI queue is over the threshold.</summary>
internal sealed class QueueBufferingAdmission : IRunAdmission
{
    private readonly QueueBufferingCheck _check;

    public QueueBufferingAdmission(QueueBufferingCheck check) => _check = check;

    public Task<bool> ShouldSkipRunAsync(CancellationToken cancellationToken) => _check.ShouldSkipRunAsync(cancellationToken);
}

/// <summary>Every run happens (tests, and hosts without a platform).</summary>
internal sealed class AlwaysAdmit : IRunAdmission
{
    public static AlwaysAdmit Instance { get; } = new();

    public Task<bool> ShouldSkipRunAsync(CancellationToken cancellationToken) => Task.FromResult(false);
}
