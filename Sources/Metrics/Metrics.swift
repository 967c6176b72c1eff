// The Metrics layer: see README "Code layout".
