// The photo picker is shared by the report pages and the drive outcome form (sub-volunteer): it lives in src/components.
export { PhotoPicker, pickPhotos, usePhotoUploads } from '../../components/PhotoPicker'
