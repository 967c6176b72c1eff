// The ResultsStore layer: see README "Code layout".
