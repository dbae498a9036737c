using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Verification.Billing.Payments;
using Verification.Billing.Payments.Local;
using Verification.Billing.Tests.Support;
using Verification.Testing;

namespace Verification.Billing.Tests.Faults;

/// <summary>
/// The Host over a PostgreSQL server of its own, which the test stops at a chosen moment: right after the provider
/// accepted a charge, before the order's transaction commits, with <see cref="StopDatabaseDuringNextCharge"/>.
/// </summary>
public sealed class OutageApp : BillingApp
{
    private PrivatePostgres? _server;

    public PrivatePostgres Postgres => _server ?? throw new InvalidOperationException("Not started.");

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public bool StopDatabaseDuringNextCharge { get; set; }

    protected override async ValueTask<string> PrepareDatabaseAsync()
    {
        _server = await PrivatePostgres.StartAsync();
        DataSource = NpgsqlDataSource.Create(_server.ConnectionString);
        return _server.ConnectionString;
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IPaymentProvider>(sp => new OutageDuringCharge(sp.GetRequiredService<LocalTestProvider>(), this));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await DataSource.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>The real local provider, with the database stopped after it accepted the charge: the outage lands mid-payment.</summary>
    private sealed class OutageDuringCharge(LocalTestProvider provider, OutageApp app) : IPaymentProvider
    {
        public string Name => provider.Name;

        public async ValueTask<ChargeOutcome> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
        {
            var outcome = await provider.ChargeAsync(request, cancellationToken);
            if (app.StopDatabaseDuringNextCharge)
            {
                app.StopDatabaseDuringNextCharge = false;
                await app.Postgres.StopServerAsync();
            }

            return outcome;
        }

        public ValueTask<RefundOutcome> RefundAsync(RefundRequest request, CancellationToken cancellationToken) => provider.RefundAsync(request, cancellationToken);

        public string? PaymentMethodFor(string entered) => provider.PaymentMethodFor(entered);

        public ValueTask<PaymentStatus> StatusAsync(string paymentId, CancellationToken cancellationToken) => provider.StatusAsync(paymentId, cancellationToken);
    }
}
