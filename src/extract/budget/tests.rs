//! Tests of budget-table reading.
