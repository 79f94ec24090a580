//! The CI gate's checks, beyond what reading reports.
