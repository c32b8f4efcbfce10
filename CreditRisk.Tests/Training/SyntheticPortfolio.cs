using System.Globalization;
using System.Text;

namespace CreditRisk.Tests.Training;

/// <summary>
/// Writes a small, seeded portfolio in the import formats for training tests: monthly statements from 2025-01-31,
/// purchases, cash withdrawals and payments; a third of customers are "stressed" from month 3 (more cash, minimum
/// payments, fewer purchases) and go bad far more often. One label per customer at the 2025-05-31 statement.
/// </summary>
internal static class SyntheticPortfolio
{
    public static readonly DateOnly AsOf = new(2025, 5, 31);

    public static void Write(string directory, int customers, int seed)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(seed);
        var c = new StringBuilder("customer_id,full_name,phone,credit_limit,opened_on,whatsapp_opt_in\n");
        var t = new StringBuilder("transaction_id,customer_id,timestamp,amount,type,merchant_category,merchant_id,channel\n");
        var s = new StringBuilder("customer_id,statement_date,credit_limit,balance,minimum_due,due_date,amount_paid,paid_on,days_past_due\n");
        var l = new StringBuilder("customer_id,as_of,label\n");
        string[] categories = ["5411", "5812", "5541", "5912", "5311", "4121", "5732", "5651", "7832", "4900"];
        var txId = 0;
        for (var i = 0; i < customers; i++)
        {
            var id = $"c{i:D5}";
            var limit = 5000 + (random.Next(0, 16) * 1000);
            var stressed = random.NextDouble() < 0.33;
            c.Append(CultureInfo.InvariantCulture, $"{id},Customer {i},+9198{i:D8},{limit},2024-06-01,true\n");

            decimal balance = 0;
            decimal? previousBalance = null;
            var day = new DateOnly(2025, 1, 1);
            for (var month = 0; month < 6; month++)
            {
                var monthStart = day.AddMonths(month);
                var statementDate = monthStart.AddMonths(1).AddDays(-1);
                var stressNow = stressed && month >= 2;
                var purchases = stressNow ? random.Next(2, 8) : random.Next(8, 20);
                var mix = stressNow ? 3 : categories.Length;
                for (var p = 0; p < purchases; p++)
                {
                    var amount = Math.Round((decimal)(20 + (random.NextDouble() * limit / 40)), 2);
                    balance += amount;
                    Tx(monthStart.AddDays(random.Next(0, 28)), amount, "purchase", categories[random.Next(0, mix)]);
                }

                var cash = stressNow ? random.Next(1, 5) : (random.NextDouble() < 0.2 ? 1 : 0);
                for (var w = 0; w < cash; w++)
                {
                    var amount = Math.Round((decimal)(100 + (random.NextDouble() * limit / 15)), 2);
                    balance += amount;
                    Tx(monthStart.AddDays(random.Next(0, 28)), amount, "cash_withdrawal", "6011");
                }

                // Pay the previous statement during this month.
                decimal paid = 0;
                DateOnly? paidOn = null;
                if (previousBalance is > 0 and var owed)
                {
                    var minimum = Math.Round(owed * 0.05m, 2);
                    paid = stressNow ? (random.NextDouble() < 0.3 ? 0 : minimum) : owed;
                    if (paid > 0)
                    {
                        paidOn = monthStart.AddDays(random.Next(5, 20));
                        balance -= paid;
                        Tx(paidOn.Value, paid, "payment", null);
                    }
                }

                if (month > 0)
                {
                    // The previous row now knows its payment; rewrite it (a later row replaces the earlier one).
                    var prevDate = monthStart.AddDays(-1);
                    var minimum = Math.Round(previousBalance!.Value * 0.05m, 2);
                    var dpd = paid < minimum ? random.Next(1, 25) : 0;
                    s.Append(CultureInfo.InvariantCulture,
                        $"{id},{prevDate:yyyy-MM-dd},{limit},{previousBalance},{minimum},{prevDate.AddDays(20):yyyy-MM-dd},{paid},{(paidOn is null ? "" : paidOn.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))},{dpd}\n");
                }

                var minimumNow = Math.Round(Math.Max(0, balance) * 0.05m, 2);
                s.Append(CultureInfo.InvariantCulture,
                    $"{id},{statementDate:yyyy-MM-dd},{limit},{balance},{minimumNow},{statementDate.AddDays(20):yyyy-MM-dd},0,,0\n");
                previousBalance = balance;
            }

            var bad = random.NextDouble() < (stressed ? 0.55 : 0.06);
            l.Append(CultureInfo.InvariantCulture, $"{id},{AsOf:yyyy-MM-dd},{(bad ? 1 : 0)}\n");

            void Tx(DateOnly on, decimal amount, string type, string? mcc) =>
                t.Append(CultureInfo.InvariantCulture,
                    $"t{++txId},{id},{on:yyyy-MM-dd}T{random.Next(8, 22):D2}:{random.Next(0, 60):D2}:00Z,{amount},{type},{mcc},{(mcc is null ? "" : "m" + mcc)},{(type == "cash_withdrawal" ? "atm" : "pos")}\n");
        }

        File.WriteAllText(Path.Combine(directory, "customers.csv"), c.ToString());
        File.WriteAllText(Path.Combine(directory, "transactions.csv"), t.ToString());
        File.WriteAllText(Path.Combine(directory, "statements.csv"), s.ToString());
        File.WriteAllText(Path.Combine(directory, "labels.csv"), l.ToString());
    }
}
