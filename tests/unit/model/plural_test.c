/* plural_test.c - model_pluralize against the whole test table of SIMPLE-API.md
 * Appendix A, plus a few rule-order details. */
#include "model/model.h"
#include "test.h"

static const char *const table[][2] = {
    {"Post", "Posts"},
    {"Todo", "Todoes"},
    {"Hobby", "Hobbies"},
    {"User", "Users"},
    {"Comment", "Comments"},
    {"Tag", "Tags"},
    {"Person", "Persons"},
    {"Child", "Children"},
    {"Man", "Men"},
    {"Woman", "Women"},
    {"Human", "Humans"},
    {"Mouse", "Mice"},
    {"Analysis", "Analyses"},
    {"Status", "Statuses"},
    {"Address", "Addresses"},
    {"Box", "Boxes"},
    {"Quiz", "Quizzes"},
    {"Category", "Categories"},
    {"Key", "Keys"},
    {"Photo", "Photos"},
    {"Video", "Videos"},
    {"Hero", "Heroes"},
    {"Leaf", "Leaves"},
    {"Life", "Lives"},
    {"Half", "Halves"},
    {"Datum", "Data"},
    {"Data", "Datas"},
    {"Criterion", "Criteria"},
    {"Index", "Indexes"},
    {"Matrix", "Matrixes"},
    {"Bus", "Buses"},
    {"Alumnus", "Alumni"},
    {"Fish", "Fish"},
    {"News", "News"},
    {"Species", "Species"},
    {"Series", "Series"},
    {"Sheep", "Sheep"},
    {"Schema", "Schemas"},
    {"Money", "Moneys"},
    {"Genus", "Genera"},
    {"Curriculum", "Curricula"},
    {"Gas", "Gases"},
    {"Lens", "Lenses"},
    {"Movie", "Movies"},
    {"Story", "Stories"},
    {"Information", "Informations"},
    {"ContactDetails", "ContactDetailses"},
    {"Settings", "Settingses"},
    {"Codex", "Codices"},
    {"Phenomenon", "Phenomena"},
    {"Alga", "Algae"},
    {"Octopus", "Octopuses"},
    {"Virus", "Viruses"},
    {"Axis", "Axes"},
    {"Crisis", "Crises"},
    {"Iris", "Irises"},
    {"Tennis", "Tennises"},
    {"Atlas", "Atlases"},
    {"Mongoose", "Mongoose"},
    {"Goose", "Geese"},
    {"Tooth", "Teeth"},
    {"Foot", "Feet"},
    {"Ox", "Oxes"},
    {"Elk", "Elk"},
    {"Cod", "Cod"},
    {"Sugar", "Sugar"},
    {"Deer", "Deer"},
    {"Moose", "Mooses"},
    {"Equipment", "Equipments"},
    {"Church", "Churches"},
    {"Bush", "Bushes"},
    {"Boss", "Bosses"},
    {"Day", "Days"},
    {"Potato", "Potatoes"},
    {"Zero", "Zeros"},
    {"Piano", "Pianos"},
    {"Wolf", "Wolves"},
    {"Knife", "Knives"},
    {"Roof", "Roofs"},
};

TEST(appendix_a_table)
{
    Arena a;
    arena_init(&a, 4096);
    int bad = 0;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        const char *got = model_pluralize(&a, table[i][0]);
        if (strcmp(got, table[i][1]) != 0) {
            fprintf(stderr, "  P(%s) = %s, expected %s\n", table[i][0], got, table[i][1]);
            bad++;
        }
    }
    arena_fini(&a);
    CHECK_EQ_INT(bad, 0);
}

TEST(rule_details)
{
    Arena a;
    arena_init(&a, 4096);
    /* irregulars keep the case of their first letter; suffix rules see the whole name */
    CHECK_EQ_STR(model_pluralize(&a, "GrandChild"), "GrandChildren");
    CHECK_EQ_STR(model_pluralize(&a, "BlogPost"), "BlogPosts");
    /* `ulum` is not anchored: the first occurrence is replaced */
    CHECK_EQ_STR(model_pluralize(&a, "Ulumb"), "Ulab");
    /* replacement text is lower case, then the first character is upper-cased */
    CHECK_EQ_STR(model_pluralize(&a, "SpiderMAN"), "Spidermen");
    CHECK_EQ_STR(model_pluralize(&a, "Dwarf"), "Dwarves");
    CHECK_EQ_STR(model_pluralize(&a, "Deaf"), "Deafs");
    CHECK_EQ_STR(model_pluralize(&a, "Eaf"), "Eafs");
    CHECK_EQ_STR(model_pluralize(&a, "A"), "As");
    arena_fini(&a);
}

int main(void)
{
    RUN(appendix_a_table);
    RUN(rule_details);
    return test_summary();
}
