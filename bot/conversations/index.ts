export {
  createConversationStore,
  conversationReferenceSchema,
  keyOf,
  type ConversationStore,
  type StoredReference,
  type UserKey,
} from './conversation-store';
export { createMessenger, referenceOf, tenantOf, type Messenger } from './messenger';
