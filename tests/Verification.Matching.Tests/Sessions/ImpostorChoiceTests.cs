using Verification.Research.Sessions;

namespace Verification.Matching.Tests.Sessions;

public sealed class ImpostorChoiceTests
{
    private static ChimericUser[] Users(int count, int typists) =>
        [.. Enumerable.Range(0, count).Select(i => new ChimericUser(i, $"person{i}", [], $"s{i % typists:D3}", [], [], []))];

    [Fact]
    public void Past_the_last_typist_an_impostor_is_never_the_learner_nor_a_user_typing_as_the_same_subject()
    {
        var users = Users(90, 51);

        for (var seed = 0; seed < 20; seed++)
        {
            for (var i = 0; i < users.Length; i++)
            {
                var other = ChimericUsers.OtherThan(users, i, seed);
                Assert.NotEqual(i, other);
                Assert.NotEqual(users[i].Subject, users[other].Subject);
            }
        }
    }

    [Fact]
    public void With_one_typist_per_user_the_choice_is_the_seeded_one_of_the_earlier_runs()
    {
        var users = Users(50, 51);

        for (var i = 0; i < users.Length; i++)
        {
            Assert.Equal((i + 1 + new Random(17 + i).Next(users.Length - 1)) % users.Length, ChimericUsers.OtherThan(users, i, 17));
        }
    }
}
