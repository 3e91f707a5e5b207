using TaxiiConnector.Testing.Faults;
using TaxiiConnector.Server.Hosting;
using TaxiiConnector.Server.Storage;

namespace TaxiiConnector.Server.Tests.Support;

internal static class ServerFactory
{
    public static Task<TaxiiServerHost> StartAsync(ITaxiiObjectStore store, IFaultPlan? faults = null, int defaultPageSize = 100, int maxPageSize = 1000) =>
        TaxiiServerHost.StartAsync(new TaxiiServerOptions
        {
            Store = store,
            ConfigureMiddleware = FaultInjectionMiddleware.For(faults),
            DefaultPageSize = defaultPageSize,
            MaxPageSize = maxPageSize,
        });
}
