"""Print the README's rule table from the rule files (keep README and rules in step).

Usage: python scripts/rules_table.py
"""

from factlint.rulebook import load_rules


def main() -> None:
    print("| code | name | severity | what it finds |")
    print("|---|---|---|---|")
    for rule in load_rules().values():
        print(f"| {rule.code} | `{rule.name}` | {rule.severity.value} | {rule.summary} |")


if __name__ == "__main__":
    main()
