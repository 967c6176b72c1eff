// The Imaging layer: see README "Code layout".
