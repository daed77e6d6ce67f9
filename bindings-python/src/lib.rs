//! Python module (filled by the Python issue).
