using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.Billing.Orders.PlaceOrder;
using Verification.Billing.Orders.Reconcile;
using Verification.Billing.Payments;
using Verification.Billing.Payments.Local;
using Verification.Billing.Payments.Stripe;
using Stripe;
using Verification.Billing.Payments.Webhooks;
using Verification.Billing.Refunds.RequestRefund;
using Verification.Billing.Subscriptions;
using Verification.Billing.Subscriptions.Renewals;
using Verification.BuildingBlocks;
using Verification.BuildingBlocks.Migrations;
using Verification.BuildingBlocks.Modules;
using Verification.BuildingBlocks.Outbox;

namespace Verification.Billing;

public sealed class BillingModule : IModule
{
    public string Name => "billing";

    public ModuleMigrations Migrations { get; } = ModuleMigrations.FromAssembly("billing", typeof(BillingModule).Assembly);

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        var settings = new BillingSettings();
        configuration.GetSection(BillingSettings.SectionName).Bind(settings);
        if (settings.Validate() is { } problem)
        {
            throw new SettingInvalidException(problem);
        }

        services.AddSingleton(settings);
        services.AddSingleton<WebhookSecret>();
        services.AddHttpClient(LocalWebhookSender.ClientName);
        services.AddSingleton<LocalWebhookSender>();
        services.AddHostedService(sp => sp.GetRequiredService<LocalWebhookSender>());
        services.AddSingleton<LocalTestProvider>();
        if (settings.Provider == StripePaymentProvider.ProviderName)
        {
            services.AddSingleton<IStripeClient>(new StripeClient(settings.Stripe.SecretKey));
            services.AddSingleton<IPaymentProvider, StripePaymentProvider>();
        }
        else
        {
            services.AddSingleton<IPaymentProvider>(sp => sp.GetRequiredService<LocalTestProvider>());
        }

        services.AddScoped<PlaceOrderHandler>();
        services.AddScoped<RequestRefundHandler>();
        services.AddScoped<SubscriptionCharges>();
        services.AddScoped<SubscriptionRenewals>();
        services.AddHostedService<DueWorkJob<SubscriptionRenewals>>();
        services.AddScoped<PendingOrders>();
        services.AddHostedService<DueWorkJob<PendingOrders>>();
        services.AddOutbox(BillingOutbox.Table);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => BillingEndpoints.Map(endpoints);
}
