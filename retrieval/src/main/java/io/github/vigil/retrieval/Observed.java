package io.github.vigil.retrieval;

/** Marks Vigil's decorators, so nothing is observed twice. */
interface Observed {

}
