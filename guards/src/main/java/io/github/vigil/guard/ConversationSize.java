package io.github.vigil.guard;

/**
 * The size of a conversation as the provider last reported it: the number of messages after the model's answer
 * and the input plus output tokens of that call.
 *
 * @param messages messages in the conversation, the answer included
 * @param tokens input plus output tokens the provider reported
 * @author Vigil contributors
 * @since 0.1.0
 */
record ConversationSize(int messages, long tokens) {
}
