using FsCheck;
using FsCheck.Xunit;
using Verification.Billing.Ledger;

namespace Verification.Billing.Tests.Ledger;

/// <summary>
/// Random sequences of payments, partial and full refunds and subscription renewals, split by the module's own rules:
/// every entry balances, and no learner, partner or platform balance ever lands on the wrong side.
/// </summary>
public sealed class LedgerSplitProperties
{
    [Property(MaxTest = 500)]
    public bool Any_sequence_of_payments_refunds_and_renewals_keeps_the_ledger_balanced_with_no_negative_balance(PositiveInt[] prices, int[] operations, byte share)
    {
        var percent = share % 101;
        var learner = Guid.CreateVersion7();
        var partner = Guid.CreateVersion7();
        var orders = new List<(long Paid, long Refunded)>();
        var renewals = 0L;
        var balances = new Dictionary<string, long> { ["learner"] = 0, ["partner"] = 0, ["platform"] = 0 };
        foreach (var op in operations)
        {
            IReadOnlyList<Posting> postings;
            var which = Math.Abs(op % 4);
            var amount = prices.Length == 0 ? 1 : prices[Math.Abs(op / 4) % prices.Length].Get;
            if (which == 0 || orders.Count == 0)
            {
                postings = LedgerSplits.Payment(learner, partner, amount, percent);
                orders.Add((amount, 0));
            }
            else if (which == 3)
            {
                postings = LedgerSplits.SubscriptionCharge(learner, amount);
                renewals += amount;
            }
            else
            {
                var index = Math.Abs(op) % orders.Count;
                var (paid, refunded) = orders[index];
                var left = paid - refunded;
                if (left == 0)
                {
                    continue;
                }

                var refund = which == 1 ? left : 1 + (Math.Abs((long)op * 7919) % left);
                postings = LedgerSplits.Refund(learner, partner, paid, refunded, refund, percent);
                orders[index] = (paid, refunded + refund);
            }

            if (postings.Sum(p => p.AmountMinor) != 0)
            {
                return false;
            }

            foreach (var posting in postings)
            {
                balances[posting.Account] += posting.AmountMinor;
            }

            if (balances["learner"] < 0 || balances["partner"] > 0 || balances["platform"] > 0)
            {
                return false;
            }
        }

        // The learner's balance is exactly what they still have paid: orders net of refunds, plus renewals.
        return balances["learner"] == orders.Sum(o => o.Paid - o.Refunded) + renewals;
    }
}
