namespace CreditRisk.Core.Simulation;

/// <summary>Invented customer names drawn from common Indian given names and surnames.</summary>
internal static class NameGenerator
{
    private static readonly string[] GivenNames =
    [
        "Aarav", "Vivaan", "Aditya", "Vihaan", "Arjun", "Sai", "Reyansh", "Ayaan", "Krishna", "Ishaan",
        "Rohan", "Rahul", "Amit", "Suresh", "Rajesh", "Vikram", "Anil", "Sanjay", "Manoj", "Deepak",
        "Karthik", "Pranav", "Nikhil", "Harsh", "Farhan", "Imran", "Joseph", "Gurpreet", "Bhaskar", "Dhruv",
        "Ananya", "Diya", "Aadhya", "Saanvi", "Myra", "Anika", "Priya", "Neha", "Pooja", "Kavya",
        "Sneha", "Divya", "Meera", "Lakshmi", "Anjali", "Riya", "Shreya", "Nisha", "Sunita", "Rekha",
        "Fatima", "Ayesha", "Mary", "Harpreet", "Tanvi", "Ishita", "Bhavna", "Pallavi", "Swati", "Jyoti",
    ];

    private static readonly string[] Surnames =
    [
        "Sharma", "Verma", "Gupta", "Singh", "Kumar", "Patel", "Shah", "Mehta", "Joshi", "Reddy",
        "Rao", "Nair", "Menon", "Pillai", "Iyer", "Iyengar", "Das", "Bose", "Chatterjee", "Banerjee",
        "Mukherjee", "Sen", "Ghosh", "Dutta", "Kaur", "Gill", "Sandhu", "Khan", "Ansari", "Qureshi",
        "Sheikh", "Fernandes", "D'Souza", "D'Costa", "Pereira", "Naidu", "Chowdhury", "Bhattacharya", "Saikia", "Baruah",
        "Gogoi", "Kalita", "Deka", "Hazarika", "Mishra", "Pandey", "Tiwari", "Yadav", "Jain", "Agarwal",
        "Kulkarni", "Deshpande", "Patil", "Jadhav", "Hegde", "Shetty", "Kamath", "Thomas", "George", "Mathew",
    ];

    /// <summary>
    /// "Given Surname", sometimes with a middle initial; about 2% come as "SURNAME, Given" the way some core banking
    /// exports write them, which exercises CSV quoting downstream.
    /// </summary>
    public static string Next(SimulationRandom random)
    {
        var given = random.Pick(GivenNames);
        var surname = random.Pick(Surnames);
        if (random.Chance(0.02))
        {
            return $"{surname.ToUpperInvariant()}, {given}";
        }

        if (random.Chance(0.15))
        {
            var initial = (char)('A' + random.NextInt(0, 26));
            return $"{given} {initial}. {surname}";
        }

        return $"{given} {surname}";
    }
}
