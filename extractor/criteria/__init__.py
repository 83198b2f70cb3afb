"""TT124 criteria: the catalogue as data, evidence-to-criterion mapping, scorecards and audits."""
