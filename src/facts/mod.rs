//! Reading and checking a year's facts file (helper A).
