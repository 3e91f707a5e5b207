namespace TaxiiConnector.Testing.Faults;

/// <summary>Decides, per request, whether the server misbehaves. Implementations must be deterministic and thread-safe.</summary>
public interface IFaultPlan
{
    /// <summary>The fault to inject for this request, or null to serve it normally.</summary>
    TaxiiFault? Decide(FaultRequestContext context);
}
