using CreditRisk.Core.Training;
using CreditRisk.Tests.Support;

namespace CreditRisk.Tests.Training;

public sealed class TrainingDataReaderTests : IDisposable
{
    private readonly string _dir = TestDirectories.New();

    public TrainingDataReaderTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => TestDirectories.Delete(_dir);

    [Fact]
    public void Read_StatementsOnly_IsEnough()
    {
        Write("customers.csv", "customer_id,full_name,phone,credit_limit,opened_on,whatsapp_opt_in\nc1,A,+919800000001,5000,2024-01-01,true\n");
        Write("statements.csv", "customer_id,statement_date,credit_limit,balance,minimum_due,due_date,amount_paid,paid_on,days_past_due\nc1,2025-01-31,5000,1200.50,60,2025-02-20,60,2025-02-10,0\n");
        Write("labels.csv", "customer_id,as_of,label\nc1,2025-03-01,1\n");

        var history = TrainingDataReader.Read(_dir);

        Assert.Equal(1, history.LabelCount);
        Assert.False(history.HasTransactions);
        Assert.True(history.HasStatements);
        Assert.Equal(1200.50m, history.Customers["c1"].Statements.Single().Balance);
    }

    [Fact]
    public void Read_DuplicateTransactionId_CountsOnce()
    {
        WriteCustomersAndLabels();
        Write("transactions.csv", "transaction_id,customer_id,timestamp,amount,type,merchant_category,merchant_id,channel\n" +
            "t1,c1,2025-01-05T10:00:00Z,10.00,purchase,5411,m1,pos\nt1,c1,2025-01-05T10:00:00Z,10.00,purchase,5411,m1,pos\n");

        Assert.Single(TrainingDataReader.Read(_dir).Customers["c1"].Transactions);
    }

    [Fact]
    public void Read_BadTransactionType_NamesFileLineAndColumn()
    {
        WriteCustomersAndLabels();
        Write("transactions.csv", "transaction_id,customer_id,timestamp,amount,type,merchant_category,merchant_id,channel\n" +
            "t1,c1,2025-01-05T10:00:00Z,10.00,purchase,5411,m1,pos\nt2,c1,2025-01-05T10:00:00Z,10.00,loan,,,\n");

        var error = Assert.Throws<TrainingDataException>(() => TrainingDataReader.Read(_dir));

        Assert.Equal("transactions.csv line 3, column type: 'loan' is not a transaction type.", error.Message);
    }

    [Fact]
    public void Read_TransactionAmountPastAnyAcceptedLimit_NamesFileLineAndColumn()
    {
        // 7.9 × 10²⁸ is a decimal, but summed into a day's spend it overflowed deep inside feature building.
        WriteCustomersAndLabels();
        Write("transactions.csv", "transaction_id,customer_id,timestamp,amount,type,merchant_category,merchant_id,channel\n" +
            "t1,c1,2025-01-05T10:00:00Z,79228162514264337593543950335,purchase,5411,m1,pos\n");

        var error = Assert.Throws<TrainingDataException>(() => TrainingDataReader.Read(_dir));

        Assert.StartsWith("transactions.csv line 2, column amount: '79228162514264337593543950335' is beyond ±1,000,000,000,000", error.Message);
    }

    [Fact]
    public void Read_StatementBalancePastAnyAcceptedLimit_NamesFileLineAndColumn()
    {
        WriteCustomersAndLabels();
        Write("statements.csv", "customer_id,statement_date,credit_limit,balance,amount_paid,days_past_due\nc1,2025-01-31,5000,-2000000000000000,0,0\n");

        var error = Assert.Throws<TrainingDataException>(() => TrainingDataReader.Read(_dir));

        Assert.StartsWith("statements.csv line 2, column balance: '-2000000000000000' is beyond ±1,000,000,000,000,000", error.Message);
    }

    [Fact]
    public void Read_AmountsAtTheLargestAcceptedLimits_AreRead()
    {
        WriteCustomersAndLabels();
        Write("transactions.csv", "transaction_id,customer_id,timestamp,amount,type,merchant_category,merchant_id,channel\n" +
            "t1,c1,2025-01-05T10:00:00Z,1000000000000,purchase,5411,m1,pos\n");
        Write("statements.csv", "customer_id,statement_date,credit_limit,balance,amount_paid,days_past_due\nc1,2025-01-31,5000,-1000000000000000,0,0\n");

        var customer = TrainingDataReader.Read(_dir).Customers["c1"];

        Assert.Equal(-1_000_000_000_000_000m, customer.Statements.Single().Balance);
        Assert.Single(customer.Transactions);
    }

    [Fact]
    public void Read_LabelForUnknownCustomer_Throws()
    {
        Write("customers.csv", "customer_id,credit_limit\nc1,5000\n");
        Write("statements.csv", "customer_id,statement_date,credit_limit,balance,amount_paid,days_past_due\nc1,2025-01-31,5000,10,0,0\n");
        Write("labels.csv", "customer_id,as_of,label\nc9,2025-03-01,0\n");

        var error = Assert.Throws<TrainingDataException>(() => TrainingDataReader.Read(_dir));

        Assert.Contains("customer 'c9' is not in customers.csv", error.Message);
    }

    [Fact]
    public void Read_NoHistoryFiles_Throws()
    {
        WriteCustomersAndLabels();

        var error = Assert.Throws<TrainingDataException>(() => TrainingDataReader.Read(_dir));

        Assert.Contains("transactions.csv and/or statements.csv", error.Message);
    }

    [Fact]
    public void Read_MissingDirectory_Throws()
    {
        Assert.Throws<TrainingDataException>(() => TrainingDataReader.Read(Path.Combine(_dir, "nope")));
    }

    private void WriteCustomersAndLabels()
    {
        Write("customers.csv", "customer_id,full_name,phone,credit_limit,opened_on,whatsapp_opt_in\nc1,A,+919800000001,5000,2024-01-01,true\n");
        Write("labels.csv", "customer_id,as_of,label\nc1,2025-03-01,0\n");
    }

    private void Write(string name, string content) => File.WriteAllText(Path.Combine(_dir, name), content);
}
