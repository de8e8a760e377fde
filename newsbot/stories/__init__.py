"""Stories (articles about one event) and the reconciliation of their facts."""
